/**
 * The messaging machinery both bundles share: message descriptors (a request
 * or notification carrying its params and result types, so a request and its
 * response cannot drift apart), the validators descriptors are built from,
 * and the one Messenger class used on each side. Every message a side
 * receives is checked by the descriptor's `valid` before use.
 *
 * wire: { id, method, params } | { replyTo, result } | { replyTo, error } | { method, params }
 * Method names are '<feature>/<verb>' (shared/protocol/<feature>.ts).
 */
export interface RequestType<P, R> {
  readonly kind: 'request';
  readonly method: string;
  readonly valid: (params: unknown) => params is P;
  /** Phantom: the result type. */
  readonly _result?: R;
}

export interface NotificationType<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly valid: (params: unknown) => params is P;
}

export function request<P, R>(method: string, valid: (params: unknown) => params is P): RequestType<P, R> {
  return { kind: 'request', method, valid };
}

export function notification<P>(method: string, valid: (params: unknown) => params is P = anything as (p: unknown) => p is P): NotificationType<P> {
  return { kind: 'notification', method, valid };
}

// ---- validation helpers --------------------------------------------------

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer a double holds exactly. */
export function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function anything(_: unknown): _ is unknown {
  return true;
}

/** No params at all, or an empty object. */
export function noParams(value: unknown): value is Record<string, never> {
  return value === undefined || (isRecord(value) && Object.keys(value).length === 0);
}

// ---- the messenger -------------------------------------------------------


/** What carries messages: the webview's postMessage or the host's webview.postMessage. */
export interface Channel {
  post(message: unknown): void;
  /** Registers the receiver; returns a function that unregisters it. */
  listen(receiver: (message: unknown) => void): () => void;
}

export class RequestError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

type RequestHandler = (params: unknown) => unknown | Promise<unknown>;
type NotificationHandler = (params: unknown) => void;

/**
 * One small messenger on each side: request ids, replies, error replies that
 * reject, timeouts, and dispose() that rejects everything pending. A message
 * that fails its descriptor's check gets an error reply (requests) or is
 * dropped and reported (notifications): never an exception.
 */
export class Messenger {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly requestHandlers = new Map<string, { valid: (p: unknown) => boolean; handle: RequestHandler }>();
  private readonly notificationHandlers = new Map<string, { valid: (p: unknown) => boolean; handle: NotificationHandler }>();
  private readonly unlisten: () => void;
  private disposed = false;

  constructor(
    private readonly channel: Channel,
    private readonly options: { timeoutMs?: number; onInvalid?: (why: string, message: unknown) => void } = {},
  ) {
    this.unlisten = channel.listen((message) => this.receive(message));
  }

  request<P, R>(type: RequestType<P, R>, params: P, timeoutMs = this.options.timeoutMs ?? 10_000): Promise<R> {
    if (this.disposed) return Promise.reject(new RequestError(`${type.method}: the messenger is disposed`, 'EDISPOSED'));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestError(`${type.method}: no reply within ${timeoutMs} ms`, 'ETIMEDOUT'));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.channel.post({ id, method: type.method, params });
    });
  }

  notify<P>(type: NotificationType<P>, params: P): void {
    if (!this.disposed) this.channel.post({ method: type.method, params });
  }

  onRequest<P, R>(type: RequestType<P, R>, handle: (params: P) => R | Promise<R>): void {
    this.requestHandlers.set(type.method, { valid: type.valid, handle: handle as RequestHandler });
  }

  onNotification<P>(type: NotificationType<P>, handle: (params: P) => void): void {
    this.notificationHandlers.set(type.method, { valid: type.valid, handle: handle as NotificationHandler });
  }

  /** Requests still waiting for a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unlisten();
    for (const [, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new RequestError('the messenger was disposed before a reply came', 'EDISPOSED'));
    }
    this.pending.clear();
  }

  private receive(message: unknown): void {
    if (this.disposed) return;
    if (!isRecord(message)) return this.invalid('not an object', message);
    if ('replyTo' in message) return this.receiveReply(message);
    const { id, method, params } = message;
    if (typeof method !== 'string') return this.invalid('no method', message);
    if (id !== undefined) {
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return this.invalid('a bad id', message);
      void this.answer(id, method, params);
      return;
    }
    const handler = this.notificationHandlers.get(method);
    if (!handler) return this.invalid(`unknown notification '${method}'`, message);
    if (!handler.valid(params)) return this.invalid(`invalid params for '${method}'`, message);
    try {
      handler.handle(params);
    } catch (error) {
      this.invalid(`'${method}' handler failed: ${(error as Error).message}`, message);
    }
  }

  private async answer(id: number, method: string, params: unknown): Promise<void> {
    const handler = this.requestHandlers.get(method);
    let reply: unknown;
    if (!handler) {
      reply = { replyTo: id, error: { code: 'EMETHOD', message: `unknown request '${method}'` } };
    } else if (!handler.valid(params)) {
      reply = { replyTo: id, error: { code: 'EINVAL', message: `invalid params for '${method}'` } };
    } else {
      try {
        reply = { replyTo: id, result: await handler.handle(params) };
      } catch (error) {
        const coded = error as { code?: unknown; message?: unknown };
        reply = { replyTo: id, error: { code: typeof coded.code === 'string' ? coded.code : 'EFAILED', message: String(coded.message ?? error) } };
      }
    }
    if (!this.disposed) this.channel.post(reply);
  }

  private receiveReply(message: Record<string, unknown>): void {
    const id = message.replyTo;
    const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!pending) return; // late reply to a timed-out or dropped request
    this.pending.delete(id as number);
    clearTimeout(pending.timer);
    if ('error' in message) {
      const error = isRecord(message.error) ? message.error : {};
      pending.reject(new RequestError(String(error.message ?? 'request failed'), String(error.code ?? 'EFAILED')));
    } else {
      pending.resolve(message.result);
    }
  }

  private invalid(why: string, message: unknown): void {
    this.options.onInvalid?.(why, message);
  }
}
