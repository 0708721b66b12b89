// teams-ai's TeamsAdapter (a botbuilder CloudAdapter), with two narrow additions:
// - every failure while authenticating an inbound request is reported as such, so the channel
//   answers 401 (CloudAdapter answers 500 for a forged token whose signature does not verify,
//   because jsonwebtoken's errors are not botframework AuthenticationErrors);
// - a connector client for proactive sends that does not retry by itself, so a 429 or an outage
//   goes straight back to the dispatcher, which owns retries and honours Retry-After.
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { Activity, ConfigurationBotFrameworkAuthentication, InvokeResponse, TurnContext } from 'botbuilder';

type Logic = (context: TurnContext) => Promise<void>;
type Auth = ConfigurationBotFrameworkAuthentication;
export type AuthenticateRequestResult = Awaited<ReturnType<Auth['authenticateRequest']>>;
export type ConnectorClient = Awaited<ReturnType<ReturnType<Auth['createConnectorFactory']>['create']>>;
export type AuthOptions = NonNullable<ConstructorParameters<typeof TeamsAdapter>[0]>;

export interface AuthFailure {
  /** `missing` (no Authorization header), `invalid` (anything the validators refused), `unavailable` (metadata fetch failed). */
  kind: 'missing' | 'invalid' | 'unavailable';
  name: string;
}

/** Per-request hooks, keyed by the logic function handed to `process` (botbuilder passes it through unchanged). */
const authHooks = new WeakMap<Logic, (failure: AuthFailure) => void>();

export function onAuthFailure(logic: Logic, hook: (failure: AuthFailure) => void): void {
  authHooks.set(logic, hook);
}

// jsonwebtoken's errors; botframework's own AuthenticationError carries a statusCode instead.
const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

export class IvaretaTeamsAdapter extends TeamsAdapter {
  constructor(
    authOptions: AuthOptions,
    private readonly appId: string | undefined,
  ) {
    super(authOptions);
  }

  protected override processActivity(
    authHeader: string,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined>;
  protected override processActivity(
    authenticateRequestResult: AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined> {
    if (typeof auth !== 'string') return super.processActivity(auth, activity, logic);
    let result: AuthenticateRequestResult;
    try {
      result = await this.botFrameworkAuthentication.authenticateRequest(activity, auth);
    } catch (e) {
      const err = e as { name?: string; statusCode?: number };
      const name = err.name ?? 'Error';
      const kind = !auth.trim()
        ? 'missing'
        : err.statusCode === 401 || JWT_ERRORS.has(name)
          ? 'invalid'
          : 'unavailable';
      const hook = authHooks.get(logic);
      if (!hook) throw e;
      // Reported to the channel, which answers 401; returning (not throwing) keeps CloudAdapter
      // from printing the error to the console on every unauthenticated request.
      hook({ kind, name });
      return undefined;
    }
    return super.processActivity(result, activity, logic);
  }

  /**
   * A connector client for `serviceUrl` with the bot's own credentials (none in local mode: then
   * no token is fetched, see PasswordServiceClientCredentialFactory.isAuthenticationDisabled).
   */
  async connector(serviceUrl: string): Promise<ConnectorClient> {
    const identity = this.createClaimsIdentity(this.appId ?? '');
    const client = await this.botFrameworkAuthentication.createConnectorFactory(identity).create(serviceUrl, undefined);
    withoutRetries(client);
    return client;
  }
}

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } };
}

/**
 * botbuilder builds its connector on @azure/core-client, whose default pipeline retries 429s
 * (sleeping for Retry-After) and 5xx responses with backoff. Remove that "Retry" phase. The
 * pipeline is not public API: if a future version moves it, sends still work, with retries.
 */
export function withoutRetries(client: ConnectorClient): boolean {
  const pipeline = (client as unknown as PipelineHolder).client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') return false;
  pipeline.removePolicy({ phase: 'Retry' });
  return true;
}
