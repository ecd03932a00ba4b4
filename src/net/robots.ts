import robotsParserModule from 'robots-parser';
import { robotsError } from './errors.js';
import type { NetLog } from './types.js';

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

// The package is CommonJS and exports the function itself, but its typings declare an
// ES default export, which NodeNext types as the namespace; state what runtime gives us.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robots;

/** What a robots.txt download came back with: a status and text, or a thrown error. */
export type RobotsLoader = (robotsUrl: string) => Promise<{ status: number; text: string }>;

/**
 * robots.txt rules per origin, downloaded at most once per fetcher: the promise is
 * cached, so concurrent first requests to a host share one download.
 */
export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<Robots | null>>();

  constructor(private readonly load: RobotsLoader, private readonly userAgent: string,
    private readonly log?: NetLog) {}

  /**
   * Throws FetchError `robots` when the URL is disallowed for our user agent; otherwise
   * returns the Crawl-delay (seconds) the file asks of our user agent, or null.
   */
  async check(url: URL): Promise<number | null> {
    let rules = this.byOrigin.get(url.origin);
    if (!rules) {
      rules = this.download(url.origin);
      this.byOrigin.set(url.origin, rules);
    }
    const robots = await rules;
    // isAllowed() is undefined for URLs outside the file's origin; that cannot happen
    // here, but if it did, no rule applies.
    if (robots && robots.isAllowed(url.href, this.userAgent) === false) throw robotsError(url.href);
    const delay = robots?.getCrawlDelay(this.userAgent);
    return typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? delay : null;
  }

  // Missing robots.txt (4xx) means no rules. An unreachable or failing one (5xx,
  // network, timeout) also lets us crawl, as the brief asks, but is worth a warning.
  private async download(origin: string): Promise<Robots | null> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const { status, text } = await this.load(robotsUrl);
      if (status >= 200 && status <= 299) return robotsParser(robotsUrl, text);
      if (status >= 500) {
        this.log?.warn({ url: robotsUrl, status, outcome: 'robots_unavailable' },
          `robots.txt answered HTTP ${status}; crawling ${origin} as if it allowed everything`);
      }
      return null;
    } catch (err) {
      this.log?.warn({ url: robotsUrl, err: (err as Error).message, outcome: 'robots_unavailable' },
        `could not fetch robots.txt; crawling ${origin} as if it allowed everything`);
      return null;
    }
  }
}
