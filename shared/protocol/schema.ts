/** Schema helpers shared by the protocol modules. */
import { Type } from 'typebox';

/** A string enum that reads well in OpenAPI (`type: string, enum: [...]`) and types as a union. */
export const StringEnum = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({
    type: 'string',
    enum: [...values],
    ...(description === undefined ? {} : { description }),
  });
