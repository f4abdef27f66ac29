/** The bundled server, server/dist/main.js. */
export const serverBundle: string;
/** Builds server/dist/main.js and returns its path. */
export function buildServer(): Promise<string>;
