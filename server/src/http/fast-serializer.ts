import fastJson from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Keywords that only check values: the serializer needs the shape, and checks cost time. */
const checkingKeywords = new Set([
  '$schema',
  'description',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
]);

/**
 * The JSON Schema of a response for fast-json-stringify: checks dropped, and `anyOf` a value or
 * null turned into a type list, so the serializer writes each field without trying branches.
 */
function shapeOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(shapeOf);
  if (typeof schema !== 'object' || schema === null) return schema;
  const shaped: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (checkingKeywords.has(key)) continue;
    shaped[key] = key === 'properties' || key === 'definitions' ? shapeAll(value) : shapeOf(value);
  }
  const choices = shaped.anyOf as JsonSchema[] | undefined;
  if (choices?.length === 2 && choices.some((choice) => choice.type === 'null')) {
    const other = choices.find((choice) => choice.type !== 'null')!;
    if (typeof other.type === 'string') {
      delete shaped.anyOf;
      return { ...shaped, ...other, type: [other.type, 'null'] };
    }
  }
  return shaped;
}

function shapeAll(properties: unknown): JsonSchema {
  return Object.fromEntries(
    Object.entries(properties as JsonSchema).map(([name, value]) => [name, shapeOf(value)]),
  );
}

/**
 * Serialises a route's responses with fast-json-stringify compiled from their zod schemas
 * (decision 012): the same bytes as `JSON.stringify` of the zod-encoded value, without walking
 * the value twice. It checks nothing, so a route takes it only where its handler builds the
 * value from typed rows (the hot action reads); every other route keeps the zod serializer.
 */
export const fastSerializerCompiler = ({
  schema,
}: {
  schema: unknown;
}): ((data: unknown) => string) =>
  fastJson(
    shapeOf(
      z.toJSONSchema(schema as z.ZodType, {
        io: 'output',
        target: 'draft-7',
        reused: 'inline',
        unrepresentable: 'throw',
      }),
    ) as never,
  );
