import { Type, type TSchema } from '@sinclair/typebox';

/**
 * Our own schemas, for the two eventing-kafka kinds no npm package ships models of (KafkaSource, KafkaSink). They
 * cover the fields pilog writes, typed as the eventing-kafka-broker CRDs define them; they are not copies of
 * those CRDs. Unknown fields are refused so a typo cannot pass.
 */
const name = Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 });
const metadata = Type.Object(
  {
    name,
    namespace: Type.Optional(name),
    labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);
const ref = Type.Object(
  { apiVersion: Type.String({ minLength: 1 }), kind: Type.String({ minLength: 1 }), name, namespace: Type.Optional(name) },
  { additionalProperties: false },
);
const destination = Type.Object({ ref: Type.Optional(ref), uri: Type.Optional(Type.String({ pattern: '^https?://' })) }, { additionalProperties: false, minProperties: 1 });
const isoDuration = Type.String({ pattern: '^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$' });
const hostPort = Type.String({ pattern: '^[^\\s:,]+:\\d+$' });
const object = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });

export const kafkaSourceSchema = object({
  apiVersion: Type.Literal('sources.knative.dev/v1beta1'),
  kind: Type.Literal('KafkaSource'),
  metadata,
  spec: object({
    bootstrapServers: Type.Array(hostPort, { minItems: 1 }),
    topics: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    consumerGroup: Type.String({ minLength: 1 }),
    initialOffset: Type.Optional(Type.Union([Type.Literal('earliest'), Type.Literal('latest')])),
    ordering: Type.Optional(Type.Union([Type.Literal('ordered'), Type.Literal('unordered')])),
    consumers: Type.Optional(Type.Integer({ minimum: 1 })),
    delivery: Type.Optional(
      object({
        retry: Type.Optional(Type.Integer({ minimum: 0 })),
        backoffPolicy: Type.Optional(Type.Union([Type.Literal('exponential'), Type.Literal('linear')])),
        backoffDelay: Type.Optional(isoDuration),
        deadLetterSink: Type.Optional(destination),
      }),
    ),
    sink: destination,
  }),
});

export const kafkaSinkSchema = object({
  apiVersion: Type.Literal('eventing.knative.dev/v1alpha1'),
  kind: Type.Literal('KafkaSink'),
  metadata,
  spec: object({
    topic: Type.String({ minLength: 1 }),
    bootstrapServers: Type.Array(hostPort, { minItems: 1 }),
    contentMode: Type.Optional(Type.Union([Type.Literal('binary'), Type.Literal('structured')])),
    numPartitions: Type.Optional(Type.Integer({ minimum: 1 })),
    replicationFactor: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
});
