declare const __REDLINE_VERSION__: string;
/** Filled in by the build from apps/cli/package.json. */
export const VERSION: string = typeof __REDLINE_VERSION__ === "string" ? __REDLINE_VERSION__ : "0.0.0-dev";
