/** Discovery: feed text or a listing page → candidate articles (pure: no I/O, no clock). */
export { parseFeed, parseFeedWithInfo, FeedParseError, type FeedParserUsed } from './feed.js';
export { parseListing, type ListingRule } from './listing.js';
export { findFeedLink, looksLikeHtml } from './autodiscover.js';
export { decodeFeedBytes } from './decode.js';
