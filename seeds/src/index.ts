export { greaterManchester2023 } from './greater-manchester-2023';
export type * from './letter-types';
export { demoAccounts, type DemoAccount } from './demo-accounts';
