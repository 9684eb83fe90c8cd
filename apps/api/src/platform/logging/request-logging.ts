import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClsServiceManager } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';

const REQUEST_LOG = Symbol('shala.requestLog');

type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface RequestLoggingOptions {
  /** The level of the request's line from its status (and error); 'silent' writes none. */
  levelOf: (statusCode: number, err?: Error) => LogLevel;
  /** Extra bindings for the line, once known (the tenant and user after authentication). */
  propsOf: (req: IncomingMessage) => object | undefined;
  /** Requests that get no line (health checks). */
  ignore: (req: IncomingMessage) => boolean;
}

/**
 * One request's logger: `root.child({ req })`, made the first time something logs (pino-http made it for
 * every request, serialising and redacting the request even when no line would be written: issue 18).
 */
class RequestLog {
  private child: Logger | undefined;
  readonly startedAt = Date.now();

  constructor(
    private readonly root: Logger,
    readonly req: IncomingMessage,
  ) {}

  get logger(): Logger {
    return (this.child ??= this.root.child({ req: this.req }));
  }
}

/**
 * The request log (DAT-05, AUD-05): every request's line when it ends (pino-http's fields and messages:
 * req, res, responseTime, err at 5xx, the tenant and user once authenticated, 'request completed' /
 * 'request errored' / 'request aborted'), and the request's logger for lines written while it runs.
 * `root` is pino-http's logger, so req, res and err go through its serializers and the redaction.
 */
export class RequestLogging {
  constructor(
    readonly root: Logger,
    private readonly options: RequestLoggingOptions,
  ) {}

  /** Opens the request's log in its context store (the request-scope hook calls this). */
  open(store: object, req: IncomingMessage & { id?: unknown }, requestId: string): void {
    req.id ??= requestId;
    (store as { [REQUEST_LOG]?: RequestLog })[REQUEST_LOG] = new RequestLog(this.root, req);
  }

  /** The logger of the request whose context is active, if any. */
  static current(): Logger | undefined {
    const cls = ClsServiceManager.getClsService();
    return cls.isActive() ? cls.get<RequestLog | undefined>(REQUEST_LOG)?.logger : undefined;
  }

  /** Writes the request's line once the answer has been sent, or the client went away. */
  close(store: object, res: ServerResponse): void {
    const log = (store as { [REQUEST_LOG]?: RequestLog })[REQUEST_LOG];
    if (!log || this.options.ignore(log.req)) return;
    const level = this.options.levelOf(res.statusCode);
    if (level === 'silent') return;
    const responseTime = Date.now() - log.startedAt;
    const props = this.options.propsOf(log.req);
    const logger = props ? log.logger.child(props) : log.logger;
    if (res.statusCode >= 500) {
      const err = new Error(`failed with status code ${res.statusCode}`);
      logger[level]({ res, err, responseTime }, 'request errored');
      return;
    }
    logger[level]({ res, responseTime }, res.writableEnded ? 'request completed' : 'request aborted');
  }
}

/** nestjs-pino's logger, writing through the current request's logger when there is one. */
export class RequestPinoLogger extends PinoLogger {
  constructor(private readonly root: Logger) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Logger {
    return RequestLogging.current() ?? this.root;
  }
}
