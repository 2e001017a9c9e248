// The size floor: the least a Lit passkey-append element can ship — Lit plus SimpleWebAuthn's
// startRegistration, in a tiny LitElement whose button calls it. Bundled by bench/size.js with
// the drop-in's build settings.
import { LitElement, html } from 'lit';
import { startRegistration } from '@simplewebauthn/browser';

class FloorAppend extends LitElement {
  /** @override */
  static properties = { optionsJSON: { attribute: false } };

  /** @override */
  render() {
    return html`<button part="primary-button" type="button" @click=${this.create}>Create passkey</button>`;
  }

  create() {
    // A reactive property (`static properties`): no class field, which would shadow Lit's accessor.
    const { optionsJSON } = /** @type {this & {optionsJSON: import('@simplewebauthn/browser').PublicKeyCredentialCreationOptionsJSON}} */ (
      this
    );
    return startRegistration({ optionsJSON });
  }
}

customElements.define('floor-append', FloorAppend);
