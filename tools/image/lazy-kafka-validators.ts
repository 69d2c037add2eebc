import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * The Kafka client compiles about forty Ajv validators for its options when its modules load (admin, consumer and
 * producer alike), which doubled a writing function's first publish (time and RSS). In the bundle each of them is
 * compiled on its first call instead, so a producer compiles the few it uses. Same validators, same errors: the
 * wrapper hands on `errors` from the compiled one.
 */
export function lazyKafkaValidators(): Plugin {
  return {
    name: 'lazy-kafka-validators',
    setup(build) {
      build.onLoad({ filter: /[\\/]@platformatic[\\/]kafka[\\/]dist[\\/]clients[\\/][^\\/]+[\\/]options\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('ajv.compile(')) return undefined;
        return {
          contents: `${source.replaceAll('ajv.compile(', '__pilogCompileOnFirstUse(ajv, ')}
function __pilogCompileOnFirstUse(ajv, schema) {
  let compiled;
  const validate = (data) => {
    compiled ??= ajv.compile(schema);
    const valid = compiled(data);
    validate.errors = compiled.errors;
    return valid;
  };
  return validate;
}
`,
          loader: 'js',
        };
      });
    },
  };
}
