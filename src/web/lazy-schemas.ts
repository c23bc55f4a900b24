import { createRequire } from "node:module";
import type { FastifySchemaCompiler, FastifyServerOptions } from "fastify";

// Route schemas compiled when first needed instead of all at start. Fastify compiles every route's request
// validators (Ajv) and response serializers (fast-json-stringify) while the server starts: for gongkai's
// hundreds of routes that was about half the time from launch to the first answer. `gongkai serve` makes them
// lazy: each compiles on the first request that needs it, or earlier, a few at a time, once the server is
// listening (warmSchemas). Tests build the app eagerly, so a schema that does not compile fails at build.

type Serializer = (data: unknown) => string;
type SerializerFactory = (externalSchemas: unknown, options: unknown) => (route: unknown) => Serializer;
// Fastify's default serializer factory, as Fastify itself resolves it (the same copy, not a dependency of ours).
const require = createRequire(createRequire(import.meta.url).resolve("fastify"));
const SerializerSelector = require("@fastify/fast-json-stringify-compiler") as () => SerializerFactory;

type AnyValidator = ((data: unknown, ctx?: unknown) => unknown) & { errors?: unknown };

/** What is left to compile; warmSchemas empties it. */
export interface LazySchemas {
  pending: Set<() => void>;
}

export function lazySchemas(): LazySchemas {
  return { pending: new Set() };
}

function once<T>(lazy: LazySchemas, compile: () => T): () => T {
  let compiled: T | undefined;
  const get = () => {
    if (compiled === undefined) {
      lazy.pending.delete(get);
      compiled = compile();
    }
    return compiled;
  };
  lazy.pending.add(get);
  return get;
}

/** The validator compiler, compiling each schema on first use. */
export function lazyValidatorCompiler(
  lazy: LazySchemas,
  compiler: FastifySchemaCompiler<unknown>,
): FastifySchemaCompiler<unknown> {
  return (route) => {
    const get = once(lazy, () => compiler(route) as AnyValidator);
    const validate: AnyValidator & { schemaEnv?: boolean } = (data, ctx) => {
      const v = get();
      const ok = v(data, ctx);
      validate.errors = v.errors;
      return ok;
    };
    // Fastify hands Ajv validators (marked by schemaEnv) the parent object, so a root value can be coerced.
    validate.schemaEnv = true;
    return validate as ReturnType<FastifySchemaCompiler<unknown>>;
  };
}

/** Fastify's own serializer factory (fast-json-stringify), each serializer built on first use. */
export function lazySerializers(lazy: LazySchemas): NonNullable<FastifyServerOptions["schemaController"]> {
  const factory = SerializerSelector();
  return {
    compilersFactory: {
      buildSerializer: (externalSchemas: unknown, options: unknown) => {
        const compile = factory(externalSchemas, options);
        return (route: unknown) => {
          const get = once(lazy, () => compile(route));
          return (data: unknown) => get()(data);
        };
      },
    },
  };
}

/** Compiles what is still pending, a few schemas per turn of the event loop, so requests go first. */
export function warmSchemas(lazy: LazySchemas, onError: (e: unknown) => void): void {
  const step = () => {
    const batch = [...lazy.pending].slice(0, 8);
    for (const compile of batch)
      try {
        compile();
      } catch (e) {
        onError(e);
      }
    if (lazy.pending.size) setImmediate(step).unref();
  };
  setImmediate(step).unref();
}
