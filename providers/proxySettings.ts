/**
 * Which proxy, if any, a JumpCloud request goes through: `HTTPS_PROXY` / `HTTP_PROXY` /
 * `ALL_PROXY` (lower case first, as curl and axios read them), unless `NO_PROXY` exempts the host.
 *
 * The client decides here and hands the decision to axios explicitly (`proxy: ... | false`), so the
 * proxy an error names is exactly the one the request used: a refusal by the proxy is then reported
 * as the proxy's, never as JumpCloud's 403. The proxy's user-info is used for the connection but
 * never shown.
 *
 * No imports: captured by value into the serialized dynamic provider.
 */

export interface ProxyChoice {
    /** For axios: where to connect, with the credentials to present (never shown). */
    readonly protocol: string;
    readonly host: string;
    readonly port: number;
    readonly auth?: { readonly username: string; readonly password: string };
    /** The proxy as a message may name it: scheme, host and port, no credentials. */
    readonly shown: string;
    /** The environment variable it came from, as set (e.g. "HTTPS_PROXY"). */
    readonly source: string;
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/** axios's `proxy` setting for a choice: that proxy, or `false` (direct, never one axios picks itself). */
export function axiosProxy(
    proxy: ProxyChoice | undefined,
): { protocol: string; host: string; port: number; auth?: { username: string; password: string } } | false {
    return proxy
        ? {
              protocol: proxy.protocol,
              host: proxy.host,
              port: proxy.port,
              ...(proxy.auth ? { auth: { ...proxy.auth } } : {}),
          }
        : false;
}

/** The proxy for a request to `target`, or undefined when it goes direct. */
export function proxyFor(target: string, env: NodeJS.ProcessEnv = process.env): ProxyChoice | undefined {
    let url: URL;
    try {
        url = new URL(target);
    } catch {
        return undefined;
    }
    const scheme = url.protocol.replace(/:$/, "");
    const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 0;
    if (exemptByNoProxy(url.hostname.replace(/^\[|\]$/g, "").toLowerCase(), port, env)) return undefined;
    const names = [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, "all_proxy", "ALL_PROXY"];
    const source = names.find((name) => (env[name] ?? "").trim() !== "");
    if (source === undefined) return undefined;
    const raw = (env[source] as string).trim();
    let proxy: URL;
    try {
        proxy = new URL(raw.includes("://") ? raw : `http://${raw}`);
    } catch {
        return undefined;
    }
    const shown = `${proxy.protocol}//${proxy.host}`;
    const username = decodeURIComponent(proxy.username);
    const password = decodeURIComponent(proxy.password);
    return {
        protocol: proxy.protocol.replace(/:$/, ""),
        host: proxy.hostname.replace(/^\[|\]$/g, ""),
        port: Number(proxy.port) || DEFAULT_PORTS[proxy.protocol] || 80,
        ...(username || password ? { auth: { username, password } } : {}),
        shown,
        source,
    };
}

/**
 * `NO_PROXY`: comma- or space-separated hosts, each optionally with a port; `*` exempts every host;
 * a leading "." or "*." matches the domain's subdomains; a plain name matches that host and its
 * subdomains (as curl does).
 */
function exemptByNoProxy(hostname: string, port: number, env: NodeJS.ProcessEnv): boolean {
    const list = (env.no_proxy ?? env.NO_PROXY ?? "").trim().toLowerCase();
    if (list === "") return false;
    if (list === "*") return true;
    return list.split(/[,\s]+/).some((entry) => {
        if (entry === "") return false;
        const withPort = /^(.+):(\d+)$/.exec(entry);
        const entryHost = (withPort ? withPort[1] : entry).replace(/^\[|\]$/g, "");
        if (withPort && Number(withPort[2]) !== port) return false;
        if (entryHost === "*") return true;
        const domain = entryHost.replace(/^\*?\./, "");
        return hostname === domain || hostname.endsWith(`.${domain}`);
    });
}
