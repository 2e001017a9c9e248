import fc from 'fast-check';
import { runOnce, step, worldOptions } from './property.js';
import { World } from './world.js';
const orig = World.prototype.click;
let shown = 0;
World.prototype.click = function (el) {
  if (el.controller.state.name === 'loading' && shown < 3) {
    shown++;
    console.log('click in loading: element', el.n, 'tab', el.tab.id, 't', this.trueNow - 1.8e12, 'frozen', el.tab.frozen, 'locks', this.options.locks);
    console.log(this.log.slice(-8).join('\n'));
  }
  return orig.call(this, el);
};
const samples = fc.sample(fc.tuple(worldOptions, fc.array(step, { maxLength: 40 })), { numRuns: 200, seed: 2 });
for (const [o, s] of samples) await runOnce(o, s);
