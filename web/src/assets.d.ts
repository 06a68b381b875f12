// Why: files the build copies as they are and hands over by URL (`?url`): the map's outlines, MapLibre's worker.
declare module '*?url' {
  const url: string;
  export default url;
}
