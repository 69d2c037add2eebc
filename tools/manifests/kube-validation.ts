import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { KnativeEventing } from '@kubernetes-models/knative/operator.knative.dev/v1beta1/KnativeEventing';
import { KnativeServing } from '@kubernetes-models/knative/operator.knative.dev/v1beta1/KnativeServing';
import { Service as KnativeService } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { PingSource } from '@kubernetes-models/knative/sources.knative.dev/v1/PingSource';
import { Kafka } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/Kafka';
import { KafkaNodePool } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaNodePool';
import { KafkaTopic } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaTopic';
import { IngressRoute } from '@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute';
import { Middleware } from '@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { kafkaSinkSchema, kafkaSourceSchema } from './own-schemas.ts';

interface Model {
  validate(): void;
}
type ModelClass = new (data: never) => Model;

/** Kinds validated with the schemas their npm packages ship (kubernetes-models and @kubernetes-models/*). */
const packaged: Readonly<Record<string, ModelClass>> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'batch/v1/CronJob': CronJob,
  'serving.knative.dev/v1/Service': KnativeService,
  'sources.knative.dev/v1/PingSource': PingSource,
  'operator.knative.dev/v1beta1/KnativeServing': KnativeServing,
  'operator.knative.dev/v1beta1/KnativeEventing': KnativeEventing,
  'kafka.strimzi.io/v1beta2/KafkaTopic': KafkaTopic,
  'kafka.strimzi.io/v1beta2/Kafka': Kafka,
  'kafka.strimzi.io/v1beta2/KafkaNodePool': KafkaNodePool,
  'traefik.io/v1alpha1/IngressRoute': IngressRoute,
  'traefik.io/v1alpha1/Middleware': Middleware,
  'argoproj.io/v1alpha1/Application': Application,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
};

/** Kinds no package ships: validated with our own schemas (own-schemas.ts). */
const ours: Readonly<Record<string, TSchema>> = {
  'sources.knative.dev/v1beta1/KafkaSource': kafkaSourceSchema,
  'eventing.knative.dev/v1alpha1/KafkaSink': kafkaSinkSchema,
};

export type Validation = { readonly by: 'package' | 'own schema' } & ({ readonly ok: true } | { readonly ok: false; readonly problems: string });

/** Validates one Kubernetes object by apiVersion/kind; a kind we have no schema for is a failure, not a pass. */
export function validateObject(object: { apiVersion?: unknown; kind?: unknown }): Validation {
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  const Model = packaged[key];
  if (Model) {
    try {
      new Model(object as never).validate();
      return { by: 'package', ok: true };
    } catch (error) {
      return { by: 'package', ok: false, problems: (error as Error).message };
    }
  }
  const schema = ours[key];
  if (schema) {
    const problems = [...Value.Errors(schema, object)].map((error) => `${error.path} ${error.message}`);
    return problems.length === 0 ? { by: 'own schema', ok: true } : { by: 'own schema', ok: false, problems: problems.join('; ') };
  }
  return { by: 'package', ok: false, problems: `no schema for ${key}` };
}
