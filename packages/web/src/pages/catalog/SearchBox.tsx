import { useEffect, useRef, useState } from 'react';

const debounceMs = 300;

/**
 * The catalog's full-text search. What is typed reaches the address (and so the query) after
 * a short pause; Enter sends it at once. While typing, the address is replaced rather than
 * pushed, so Back leaves the search instead of stepping through every letter.
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string, replace: boolean) => void }) {
  const [text, setText] = useState(value);
  // What this box last sent: a different value in the address came from elsewhere (Back, a link).
  const sent = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const send = (q: string) => {
    clearTimeout(timer.current);
    if (q.trim() === sent.current.trim()) return;
    // A new search from an empty box is a new place to come back to; refining it is not.
    const replace = sent.current.trim() !== '';
    sent.current = q;
    onSearch(q, replace);
  };

  return (
    <search className="catalog-search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send(text);
        }}
      >
        <label htmlFor="catalog-q">Search the catalog</label>
        <div className="row catalog-search-row">
          <input
            id="catalog-q"
            type="search"
            value={text}
            placeholder="Name, title, description, tag…"
            autoComplete="off"
            aria-describedby="catalog-q-help"
            onChange={(e) => {
              const q = e.target.value;
              setText(q);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => send(q), debounceMs);
            }}
          />
          <button type="submit">Search</button>
        </div>
        <div id="catalog-q-help" className="field-help">
          Searches entities and their docs; the last word may be the start of one.
        </div>
      </form>
    </search>
  );
}
