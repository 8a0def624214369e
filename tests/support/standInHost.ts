/**
 * A stand-in for Pulumi's dynamic-provider host, for the tests of DynamicProviderHost's own start
 * and stop: it does only what they see of a host (prints the port it listens on, then waits until
 * it is killed) without loading @pulumi/pulumi. Every other test runs Pulumi's real host.
 */
import * as net from "net";

const server = net.createServer().listen(0, "127.0.0.1", () => {
    process.stdout.write(`${(server.address() as net.AddressInfo).port}\n`);
});
