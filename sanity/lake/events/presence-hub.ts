/**
 * In-process fan-out of presence events between the bifur sockets of one dataset. Presence is
 * ephemeral by design (who looks at what right now), so nothing here is persisted.
 */
export type PresenceEvent =
  | { type: 'rollCall'; i: string; session: string }
  | { type: 'state'; i: string; m: { sessionId: string; locations: unknown[] } }
  | { type: 'disconnect'; i: string; m: { session: string } }

type Subscriber = { dataset: string; connection: string; deliver(event: PresenceEvent): void }

export class PresenceHub {
  #subscribers = new Map<string, Subscriber>()

  subscribe(id: string, subscriber: Subscriber): () => void {
    this.#subscribers.set(id, subscriber)
    return () => this.#subscribers.delete(id)
  }

  /** Sends `event` to every subscriber of `dataset` except those on the sending connection. */
  broadcast(dataset: string, fromConnection: string, event: PresenceEvent): void {
    for (const subscriber of this.#subscribers.values()) {
      if (subscriber.dataset === dataset && subscriber.connection !== fromConnection)
        subscriber.deliver(event)
    }
  }
}
