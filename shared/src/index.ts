export * from './enums';
export * from './problem';
export * from './common';
export * from './org-units';
export * from './inspections';
export * from './recommendations';
export * from './outcome-measures';
export * from './action-plans';
