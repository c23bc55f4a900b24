import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";

// Request validation. Query strings, path parameters and headers are text, so their values are coerced
// to the schema's types ("20" → 20). A JSON body is not: `"name": true` or `"days": "5"` is the wrong
// type and is refused, never turned into the text "true" or the number 5. Every problem is reported.
const make = (coerce: boolean) => {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? "array" : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats.default(ajv);
  return ajv;
};

const loose = make(true);
const strict = make(false);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === "body" ? strict : loose).compile(schema as object);
