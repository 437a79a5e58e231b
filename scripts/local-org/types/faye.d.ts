// The part of faye's server API the local org uses (faye ships no type definitions).
declare module 'faye' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  namespace faye {
    class NodeAdapter {
      constructor(options: { mount: string; timeout?: number });
      handle(request: IncomingMessage, response: ServerResponse): void;
      addExtension(extension: object): void;
      getClient(): { publish(channel: string, data: unknown): Promise<void> };
    }
  }
  export = faye;
}
