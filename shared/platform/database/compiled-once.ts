import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { isDeepStrictEqual } from 'node:util';

/**
 * A query whose SQL depends only on its shape (a key of the arguments), built and compiled by Kysely once per shape
 * and database (dialects quote differently) and then run with each call's parameters: on a hot read path, building
 * and compiling a query afresh costs more CPU than its SQL. `parametersOf` lists the values in the order the
 * compiled SQL takes them; each shape's first compile checks that it does, so a query changed without its parameter
 * list fails at once instead of binding values to the wrong placeholders.
 */
export function compiledOnce<D, A extends unknown[], R>(query: {
  shapeOf: (...args: A) => string;
  build: (db: Kysely<D>, ...args: A) => Compilable<R>;
  parametersOf: (...args: A) => readonly unknown[];
}): (db: Kysely<D>, ...args: A) => Promise<R[]> {
  const byDatabase = new WeakMap<Kysely<D>, Map<string, CompiledQuery<R>>>();
  return async (db, ...args) => {
    let compiled = byDatabase.get(db);
    if (compiled === undefined) byDatabase.set(db, (compiled = new Map()));
    const shape = query.shapeOf(...args);
    const parameters = query.parametersOf(...args);
    let known = compiled.get(shape);
    if (known === undefined) {
      known = query.build(db, ...args).compile();
      if (!isDeepStrictEqual(known.parameters, parameters)) {
        throw new Error(`query shape ${shape}: its parameters are ${JSON.stringify(known.parameters)}, parametersOf gave ${JSON.stringify(parameters)}`);
      }
      compiled.set(shape, known);
    }
    return (await db.executeQuery<R>({ ...known, parameters })).rows;
  };
}
