/** The parts of Home Assistant's `hass` object the card uses. */

export type Unsubscribe = () => Promise<void> | void;

export interface Connection {
  // Home Assistant's own signature: the caller names the type of its messages.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  subscribeMessage<T>(
    callback: (message: T) => void,
    message: Record<string, unknown>,
    options?: { resubscribe?: boolean },
  ): Promise<Unsubscribe>;
}

export interface HomeAssistant {
  connection: Connection;
  callService(
    domain: string,
    service: string,
    data?: Record<string, unknown>,
    target?: Record<string, unknown>,
    notifyOnError?: boolean,
    returnResponse?: boolean,
  ): Promise<unknown>;
  locale: { language: string; number_format?: string; time_format?: string };
  language?: string;
  themes?: { darkMode?: boolean };
}

/** The message of a rejected WebSocket or action call, already translated by Home Assistant. */
export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) {
    const message = (error).message;
    if (typeof message === "string" && message !== "") return message;
  }
  if (typeof error === "object" && error !== null && "code" in error) {
    return String((error).code);
  }
  return String(error);
}
