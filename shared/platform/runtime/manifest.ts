import type { TSchema } from '@sinclair/typebox';
import type { SettingsSpec } from '../config/load-config.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route (contract §0.6): anyone, any signed-in user, or role ADMIN. Ownership is the use case's.
 * `session`: the function checks the caller itself (the SockJS transports answer per transport, origin then cookie).
 */
export type Access = 'public' | 'authenticated' | 'admin' | 'session';

/** The body a route takes: JSON (the default), plain text or JSON (SockJS frames), or a streamed multipart upload. */
export type BodyKind = 'json' | 'text' | 'multipart';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** `/api/v1/articles/{articleId}`: literal segments and `{name}` parameters. */
  readonly path: string;
  readonly access: Access;
  readonly summary: string;
  readonly query?: TSchema;
  readonly body?: TSchema;
  /** Content types the route takes; a non-empty body of another type is 415. Default `json`. */
  readonly accepts?: BodyKind;
  /** Bytes; JSON bodies default to 1 MiB. */
  readonly bodyLimit?: number;
}

export interface HttpTrigger {
  readonly kind: 'http';
  readonly routes: Readonly<Record<string, RouteSpec>>;
}

/** Delivered by a KafkaSource (or Trigger) as binary-mode CloudEvents over HTTP POST. */
export interface EventTrigger {
  readonly kind: 'events';
  readonly topic: string;
  readonly types: readonly string[];
}

/** Fired by a PingSource; the schedule is standard five-field cron in UTC. */
export interface CronTrigger {
  readonly kind: 'cron';
  readonly schedule: string;
}

export type Trigger = HttpTrigger | EventTrigger | CronTrigger;

export interface Scaling {
  readonly minScale: number;
  readonly maxScale: number;
  /** Knative containerConcurrency: requests one instance takes at once. */
  readonly concurrency: number;
  readonly timeoutSeconds: number;
}

export interface Resources {
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
}

/**
 * The single source of truth about a function: its trigger, scaling, resources and settings. The dev host's
 * routing, the gateway and every Knative/eventing object are generated from manifests. A manifest is cheap to
 * import: it holds no code of the function, whose `index.ts` exports `start` (see functions/function-modules.ts).
 */
export interface FunctionManifest<T extends Trigger = Trigger> {
  readonly name: string;
  readonly description: string;
  readonly trigger: T;
  readonly scaling: Scaling;
  readonly resources: Resources;
  readonly settings: SettingsSpec;
}

export const defaultScaling: Scaling = { minScale: 0, maxScale: 2, concurrency: 50, timeoutSeconds: 30 };
export const defaultResources: Resources = { cpuRequest: '50m', memoryRequest: '96Mi', memoryLimit: '192Mi' };
