import { paths } from '../../../lib/paths';
import { ChoosePlan } from '../components/choose-plan';

export function PlansPage() {
  return <ChoosePlan title="Action plans" to={(plan) => paths.plan(plan.id)} />;
}

export function DashboardsPage() {
  return <ChoosePlan title="Dashboards" to={(plan) => paths.dashboard(plan.id)} />;
}
