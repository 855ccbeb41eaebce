/**
 * A TCP proxy standing in for a load balancer: clients connect to it, it forwards to one engine, and
 * a test can point it at another engine, cut every connection, or refuse connections for a while.
 */
import net from 'node:net';

export class SwitchableProxy {
  private readonly open = new Set<net.Socket>();
  private refusing = false;

  private constructor(
    private readonly server: net.Server,
    private target: URL,
  ) {
    server.on('connection', (client) => this.forward(client));
  }

  static async start(targetUrl: string): Promise<SwitchableProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new SwitchableProxy(server, new URL(targetUrl));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** client connections open through the proxy now */
  get openConnections(): number {
    return this.open.size / 2;
  }

  /** new connections go to this engine; open ones stay where they are */
  pointTo(targetUrl: string): void {
    this.target = new URL(targetUrl);
  }

  /** cuts every open connection, as a network failure would */
  dropConnections(): void {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  /** while refusing, every new connection is cut at once (nothing reachable behind the proxy) */
  refuse(refusing: boolean): void {
    this.refusing = refusing;
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: net.Socket): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(this.target.port), this.target.hostname);
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
