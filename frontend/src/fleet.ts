/** The fleet subscription's state: every server, its health and which one is active. */
import type { FleetEvent, FleetServer } from "./protocol.js";

/** A colour for every server: its own, or one of these by its place in the fleet. */
export const PALETTE = [
  "#03a9f4",
  "#ff9800",
  "#4caf50",
  "#9c27b0",
  "#e91e63",
  "#009688",
  "#795548",
  "#3f51b5",
  "#cddc39",
  "#607d8b",
] as const;

export class FleetStore {
  loaded = false;
  activeEntryId: string | null = null;
  servers: FleetServer[] = [];
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` after each fleet message; returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the fleet with the one a message describes. */
  apply(event: FleetEvent): void {
    this.servers = event.servers;
    this.activeEntryId = event.active_entry_id;
    this.loaded = true;
    for (const listener of this.listeners) listener();
  }

  /** Forgets the fleet, as before the first message. */
  clear(): void {
    this.servers = [];
    this.activeEntryId = null;
    this.loaded = false;
    for (const listener of this.listeners) listener();
  }

  server(entryId: string): FleetServer | undefined {
    return this.servers.find((server) => server.entry_id === entryId);
  }

  /** The server's colour option, or the palette's colour for its place in the fleet. */
  color(entryId: string, ownColor: string | null = null): string {
    if (ownColor) return ownColor;
    const index = this.servers.findIndex((server) => server.entry_id === entryId);
    const known = index >= 0 ? this.servers[index] : undefined;
    if (known?.color) return known.color;
    return PALETTE[(index >= 0 ? index : 0) % PALETTE.length] ?? PALETTE[0];
  }
}
