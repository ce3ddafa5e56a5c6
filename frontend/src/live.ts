/** The card's subscriptions: they feed the stores, and the host renders once per frame. */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { FleetStore } from "./fleet.js";
import { errorMessage, type Connection, type HomeAssistant, type Unsubscribe } from "./hass.js";
import {
  SERVERS_SUBSCRIBE,
  TORRENTS_SUBSCRIBE,
  type FleetEvent,
  type ServerChoice,
  type TorrentsEvent,
} from "./protocol.js";
import { ChangeSet, TorrentStore } from "./store.js";

/** Schedules a callback before the next paint; replaced in tests. */
export type FrameScheduler = (callback: () => void) => void;

const nextFrame: FrameScheduler = (callback) => {
  requestAnimationFrame(() => { callback(); });
};

interface Subscription {
  connection: Connection;
  unsubscribe: Promise<Unsubscribe | undefined>;
}

/**
 * Owns the torrents and fleet subscriptions of one card. Events go into the
 * stores as they arrive; the host is asked to render at most once per frame,
 * and takes what changed since its last render with `takeChanges`.
 */
export class LiveData implements ReactiveController {
  readonly torrents = new TorrentStore();
  readonly fleet = new FleetStore();
  /** Why the torrents cannot be shown (a refused subscription), else null. */
  error: string | null = null;
  private hass: HomeAssistant | undefined;
  private server: ServerChoice = "active";
  private connected = false;
  private torrentsSubscription: Subscription | undefined;
  private subscribedServer: ServerChoice | undefined;
  private fleetSubscription: Subscription | undefined;
  private pending = new ChangeSet();
  private framePending = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly schedule: FrameScheduler = nextFrame,
    /** False for a host that needs only the fleet (the editor). */
    private readonly watchTorrents = true,
  ) {
    host.addController(this);
    this.torrents.subscribe((change) => {
      this.pending.merge(change);
      this.requestFrame();
    });
    this.fleet.subscribe(() => {
      this.pending.servers = true;
      this.requestFrame();
    });
  }

  /** Gives the controller the current `hass`; subscribes once it has a connection. */
  setHass(hass: HomeAssistant): void {
    this.hass = hass;
    this.sync();
  }

  /** Shows another server ("active", "all" or an entry id): a new subscription. */
  setServer(server: ServerChoice): void {
    this.server = server;
    this.sync();
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  /** What changed in the stores since the last call. */
  takeChanges(): ChangeSet {
    const change = this.pending;
    this.pending = new ChangeSet();
    return change;
  }

  private requestFrame(): void {
    if (this.framePending) return;
    this.framePending = true;
    this.schedule(() => {
      this.framePending = false;
      this.host.requestUpdate();
    });
  }

  /** Brings the subscriptions in line with the host's state, the connection and the server. */
  private sync(): void {
    const connection = this.connected ? this.hass?.connection : undefined;
    if (this.fleetSubscription && this.fleetSubscription.connection !== connection) {
      end(this.fleetSubscription);
      this.fleetSubscription = undefined;
      this.fleet.clear();
    }
    if (
      this.torrentsSubscription &&
      (this.torrentsSubscription.connection !== connection ||
        this.subscribedServer !== this.server)
    ) {
      end(this.torrentsSubscription);
      this.torrentsSubscription = undefined;
      this.subscribedServer = undefined;
      this.torrents.clear();
    }
    if (connection === undefined) return;
    if (this.fleetSubscription === undefined) {
      const subscription = { connection, unsubscribe: Promise.resolve(undefined) };
      this.fleetSubscription = subscription;
      this.subscribe(subscription, { type: SERVERS_SUBSCRIBE }, (event) => {
        this.fleet.apply(event as FleetEvent);
      },
      );
    }
    if (this.watchTorrents && this.torrentsSubscription === undefined) {
      const subscription = { connection, unsubscribe: Promise.resolve(undefined) };
      this.error = null;
      this.subscribedServer = this.server;
      this.torrentsSubscription = subscription;
      this.subscribe(
        subscription,
        { type: TORRENTS_SUBSCRIBE, server: this.server },
        (event) => { this.torrents.apply(event as TorrentsEvent); },
        (error) => {
          this.error = error;
          this.requestFrame();
        },
      );
    }
  }

  private subscribe(
    subscription: Subscription,
    message: Record<string, unknown>,
    apply: (event: unknown) => void,
    fail?: (error: string) => void,
  ): void {
    // Events of a subscription that was ended must not reach the stores.
    const current = (): boolean =>
      subscription === this.fleetSubscription || subscription === this.torrentsSubscription;
    subscription.unsubscribe = subscription.connection
      .subscribeMessage<unknown>((event) => {
        if (current()) apply(event);
      }, message)
      .catch((error: unknown) => {
        if (current()) fail?.(errorMessage(error));
        return undefined;
      });
  }
}

function end(subscription: Subscription): void {
  void subscription.unsubscribe
    .then((unsubscribe) => unsubscribe?.())
    // The socket may already be gone, and the subscription with it.
    .catch(() => undefined);
}
