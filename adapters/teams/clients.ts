import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';

// botbuilder builds a new ConnectorClient and UserTokenClient (each an HTTP pipeline with its
// credentials) for every activity: about a tenth of a Teams turn's CPU. They hold no per-turn state,
// so one per (bot app id, service URL, audience) serves every turn, as the SDK's own issues advise.

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = AuthResult['claimsIdentity'];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** How many clients are kept: a bot talks to a handful of service URLs (one per region and cloud). */
export const CLIENT_CACHE_SIZE = 64;

/** Promises by key, least recently used first; a rejected creation is forgotten so the next turn tries again. */
export class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly size = CLIENT_CACHE_SIZE) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-inserted below: most recently used last
      this.entries.set(key, hit);
      return hit;
    }
    const made = create();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }

  get count(): number {
    return this.entries.size;
  }
}

/** The bot's app id as botbuilder reads it from a request's claims: the audience (a channel) or appid (the Emulator). */
const appIdOf = (identity: ClaimsIdentity): string => identity.getClaimValue('aud') ?? identity.getClaimValue('appid') ?? '';

/** Bot Framework authentication whose connector and user-token clients are made once and reused. */
export class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly connectors = new ClientCache<ConnectorClient>();
  readonly userTokens = new ClientCache<UserTokenClient>();

  private reusing(appId: string, inner: ConnectorFactory): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => inner.create(serviceUrl, audience)),
    };
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const inner = result.connectorFactory;
    return inner ? { ...result, connectorFactory: this.reusing(appIdOf(result.claimsIdentity), inner) } : result;
  }

  override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(appIdOf(identity), super.createConnectorFactory(identity));
  }

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(identity), () => super.createUserTokenClient(identity));
  }
}
