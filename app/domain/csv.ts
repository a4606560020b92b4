/** CSV bank statements → `ParsedStatement`; the engine lives in ./csv/. */
export * from "./csv/index.ts";
