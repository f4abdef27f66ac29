// Evidence schemas: filled in with the evidence module.
export {};
