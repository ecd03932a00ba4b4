export { normalizeUrl } from './url.js';
export { contentHash, MIN_HASHED_CHARS } from './fingerprint.js';
export { storyFeatures, dfKeys, DEFAULT_STORY_CONFIG, type StoryConfig, type StoryFeatures } from './story-features.js';
export { findStoryMatch, postingKeys, storyDay, type StoryStorage, type StoryMatch } from './story-assign.js';
export { StoryIndex } from './story-index.js';
