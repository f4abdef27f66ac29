// The drizzle client needs every table in one object; application code imports the
// aggregate files directly.
export * from './enums';
export * from './org-units';
export * from './users';
export * from './sessions';
export * from './api-clients';
export * from './inspections';
export * from './recommendations';
export * from './action-plans';
export * from './actions';
export * from './evidence';
export * from './outcome-measures';
export * from './audit';
export * from './plan-versions';
export * from './notifications';
export * from './calendar-feeds';
export * from './emails';
