// The size floor: the least a Lit passkey-append element can ship — Lit plus SimpleWebAuthn's
// startRegistration, in a tiny LitElement whose button calls it. Bundled by bench/size.js with
// the drop-in's build settings.
import { LitElement, html } from 'lit';
import { startRegistration } from '@simplewebauthn/browser';

class FloorAppend extends LitElement {
  static properties = { optionsJSON: { attribute: false } };

  render() {
    return html`<button part="primary-button" type="button" @click=${this.create}>Create passkey</button>`;
  }

  create() {
    return startRegistration({ optionsJSON: this.optionsJSON });
  }
}

customElements.define('floor-append', FloorAppend);
