/** The JSON Schema of Delta v1, also shipped as `@redline/core/delta-v1.schema.json`. */
import schema from "../../schema/delta-v1.schema.json";

export const deltaSchema: Readonly<Record<string, unknown>> = schema;
