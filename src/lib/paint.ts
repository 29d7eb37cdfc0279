/** Work put off until the browser has painted what is on screen now. */

/**
 * Runs `task` in a task after the next frame has been painted (an animation frame runs before the paint; a timeout
 * set in it runs after). Without animation frames (a test's DOM) it runs in the next task.
 *
 * @returns A function that cancels the task if it has not run yet.
 */
export function afterNextPaint(task: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(task);
    return () => clearTimeout(timer);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
