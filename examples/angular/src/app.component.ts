/**
 * <corbado-append> in Angular: a standalone component with CUSTOM_ELEMENTS_SCHEMA. Attributes with
 * `[attr.…]`, properties with `[…]`, events with `(corbado-append-…)`; `$event` is typed from the
 * package (CustomEvent<AppendReadyDetail>, …) and checked by the build (strictTemplates).
 * Angular does not type-check property bindings on custom elements, so each bound value is typed
 * from the element's own property (`CorbadoAppend['appendTokenProvider']`).
 */
import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { AppendCompleteDetail, AppendErrorDetail, AppendReadyDetail, AppendSkipDetail, CorbadoAppend } from 'corbado-append';
import { api, appendTokenProvider, projectId } from '../../shared/demo-backend';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Welcome back</h1>
      <p>
        Status: <output data-testid="status">{{ status() }}</output>
      </p>
      <corbado-append
        [attr.project-id]="projectId"
        [attr.frontend-api-url]="api"
        [appendTokenProvider]="appendTokenProvider"
        (corbado-append-ready)="onReady($event)"
        (corbado-append-complete)="onComplete($event)"
        (corbado-append-skip)="onSkip($event)"
        (corbado-append-error)="onError($event)"
      ></corbado-append>
      <h2>Events</h2>
      <ol data-testid="log">
        @for (line of log(); track $index) {
          <li>{{ line }}</li>
        }
      </ol>
    </main>
  `,
})
export class AppComponent {
  readonly api = api;
  readonly projectId = projectId;
  readonly appendTokenProvider: CorbadoAppend['appendTokenProvider'] = appendTokenProvider;
  readonly status = signal('waiting');
  readonly log = signal<string[]>([]);

  onReady = (e: CustomEvent<AppendReadyDetail>) => this.show(e, `ready:${e.detail.variant}`);
  onComplete = (e: CustomEvent<AppendCompleteDetail>) => this.show(e, `complete:${e.detail.status}`);
  onSkip = (e: CustomEvent<AppendSkipDetail>) => this.show(e, `skip:${e.detail.reason}`);
  onError = (e: CustomEvent<AppendErrorDetail>) => this.show(e, `error:${e.detail.code}`);

  private show(e: CustomEvent, next: string) {
    this.log.update((lines) => [...lines, `${e.type} ${JSON.stringify(e.detail)}`]);
    this.status.set(next);
  }
}
