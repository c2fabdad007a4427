// Runs before Bootstrap Italia's bundle: its embedded video.js would otherwise inject a
// <style> element, which our Content-Security-Policy (no 'unsafe-inline') blocks.
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
