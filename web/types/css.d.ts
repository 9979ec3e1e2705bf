// Stylesheets are bundled as text (esbuild's text loader) and adopted by components.
declare module '*.css' {
  const text: string;
  export default text;
}
