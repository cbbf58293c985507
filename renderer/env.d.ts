// Lets plain `tsc` import single-file components from .ts modules. vue-tsc ignores this shim and
// checks each component's real props and emits; under tsc a component accepts any props.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<Record<string, unknown>, Record<string, unknown>, unknown>;
  export default component;
}
