/** One server-sent event: its name and its JSON data. */
export interface SseFrame {
  event: string;
  data: unknown;
}

/**
 * The frames of a text/event-stream body, in order (one `event:` and one JSON `data:` line per
 * frame, as GET /staff/api/events writes them). Shared by the console bench and the tests' reader.
 */
export async function* eventStreamFrames(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseFrame> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event !== undefined && data !== undefined) yield { event, data: JSON.parse(data) as unknown };
    }
  }
}
