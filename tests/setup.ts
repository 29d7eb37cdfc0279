import 'vitest-canvas-mock';

// jsdom has no ResizeObserver; Chart.js and the widget's height reporter use it.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
