/**
 * Keeping secrets (the API key, the client secret) out of every text that can reach a message,
 * a log line or a thrown error, fragments included.
 *
 * Order matters: redact first, cut short afterwards. Cutting first can leave the head of a secret at
 * the cut, which no whole-secret search then finds. Text that arrived already cut (a server that
 * shortens its echo of our request) may still hold a fragment: a secret's head at the end of the
 * text, its tail at the start, or a long enough piece anywhere; each is removed too.
 *
 * No imports: captured by value into the serialized dynamic provider.
 */

export const REDACTED = "[redacted]";

/** Secrets shorter than this are not searched for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** A secret's head or tail this long at the edge of a text counts as a fragment of it. */
const MIN_EDGE_FRAGMENT = 3;
/** A piece of a secret this long anywhere in a text counts as a fragment of it. */
const MIN_INNER_FRAGMENT = 8;
/**
 * Longest text searched. Whatever is cut here is far beyond what a message shows, and the edge
 * check below still removes a secret's head left at this cut.
 */
const MAX_SCANNED_CHARS = 16_384;

/** The spellings a secret can take in a reply that echoes our request: as sent, in JSON, URL-encoded. */
function spellings(secret: string): string[] {
    const forms = [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
    return forms.filter((form, i) => form.length >= MIN_SECRET_LENGTH && forms.indexOf(form) === i);
}

/** Replaces every known secret, and every piece of one at least MIN_INNER_FRAGMENT long, with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
    const forms = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(spellings);
    let result = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
    for (const form of forms) result = result.split(form).join(REDACTED);
    // Pieces of a secret anywhere: mark each window of the secret found in the text, then replace
    // the marked characters, merged into runs.
    const hidden: boolean[] = new Array<boolean>(result.length).fill(false);
    let found = false;
    for (const form of forms) {
        for (let i = 0; i + MIN_INNER_FRAGMENT <= form.length; i++) {
            const piece = form.slice(i, i + MIN_INNER_FRAGMENT);
            for (let at = result.indexOf(piece); at >= 0; at = result.indexOf(piece, at + 1)) {
                hidden.fill(true, at, at + MIN_INNER_FRAGMENT);
                found = true;
            }
        }
    }
    if (found) {
        let out = "";
        for (let i = 0; i < result.length; i++) {
            if (!hidden[i]) out += result[i];
            else if (i === 0 || !hidden[i - 1]) out += REDACTED;
        }
        result = out;
    }
    return result;
}

/**
 * A secret cut by whoever shortened the text: its head at the end (before any "..."), its tail at
 * the start.
 */
function redactEdges(text: string, forms: readonly string[]): string {
    const ending = /(\.\.\.|\u2026)?\s*$/.exec(text)?.[0] ?? "";
    let body = text.slice(0, text.length - ending.length);
    for (const form of forms) {
        for (let n = Math.min(form.length - 1, body.length); n >= MIN_EDGE_FRAGMENT; n--) {
            if (body.endsWith(form.slice(0, n))) {
                body = body.slice(0, body.length - n) + REDACTED;
                break;
            }
        }
        for (let n = Math.min(form.length - 1, body.length); n >= MIN_EDGE_FRAGMENT; n--) {
            if (body.startsWith(form.slice(form.length - n))) {
                body = REDACTED + body.slice(n);
                break;
            }
        }
    }
    return body + ending;
}

/** Cuts a text short, marking the cut. Only ever applied to text already redacted. */
export function shorten(text: string, maxChars: number): string {
    return text.length > maxChars ? `${text.slice(0, maxChars - 3)}...` : text;
}

/**
 * The one way a reply's words reach a message: redacted (fragments at its edges too, as the text
 * may have been cut before it reached us), then cut to `maxChars`.
 */
export function safeExcerpt(text: string, secrets: readonly string[], maxChars: number): string {
    const forms = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(spellings);
    return shorten(redactEdges(redact(text, secrets), forms), maxChars);
}
