/** Mounting helper for presentational components: installs the app's i18n as the app factory does. */
import axe from 'axe-core';
import { vi } from 'vitest';
import { mount } from '@vue/test-utils';
import type { ComponentMountingOptions, VueWrapper } from '@vue/test-utils';
import type { Component } from 'vue';
import { createI18n, I18N_KEY } from '../../src/i18n';
import type { JedLocaleData } from '../../src/i18n';

/** Mounts `component` with `props` and the i18n of `locale` (with optional Jed translations), in the document if asked. */
export function mountWithI18n<C extends Component>(
  component: C,
  props: ComponentMountingOptions<C>['props'],
  locale = 'en',
  translations?: JedLocaleData,
  attachToDocument = false,
) {
  return mount(component, {
    props,
    global: { provide: { [I18N_KEY as symbol]: createI18n(locale, translations) } },
    ...(attachToDocument ? { attachTo: document.body } : {}),
  } as ComponentMountingOptions<C>);
}

/** Text with Intl's narrow and no-break spaces turned into plain ones, and runs of space collapsed. */
export function plain(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Serious and critical axe-core findings under `element` (contrast needs real layout, which jsdom lacks). */
export async function seriousAxeViolations(element: Element): Promise<string[]> {
  const results = await axe.run(element, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

/** Captures the Blob handed to a download, and stops jsdom from navigating. */
export function captureDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let pending: Blob | undefined;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    pending = blob as Blob;
    return 'blob:graph';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (pending) files.push({ name: this.download, blob: pending });
  });
  return files;
}

/** The button whose text starts with `name`; throws when there is none. */
export function buttonNamed(wrapper: VueWrapper, name: string) {
  const button = wrapper.findAll('button').find((candidate) => candidate.text().startsWith(name));
  if (!button) throw new Error(`no button "${name}"`);
  return button;
}
