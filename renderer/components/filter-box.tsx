// FilterBox is the instant filter field: `/` focuses it from anywhere, Escape clears it.

import type { KeyboardEvent, Ref } from 'react';
import { CloseIcon, SearchIcon } from './icons';

/** FilterBoxProps: the text, a change handler (with the input event's time) and the list's key handler. */
export interface FilterBoxProps {
  value: string;
  label: string;
  placeholder: string;
  /** hint says on hover what the box understands beyond plain text (globs, /regex/). */
  hint?: string;
  onChange(value: string, eventTime: number): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  /** controls is the id of the list this box filters. */
  controls?: string;
  activeDescendant?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** FilterBox is a search field with a clear button. */
export function FilterBox({ ref, ...props }: FilterBoxProps) {
  return (
    <div className="filter-box">
      <SearchIcon className="filter-icon" />
      <input
        ref={ref}
        type="search"
        className="input filter-input"
        aria-label={props.label}
        placeholder={props.placeholder}
        title={props.hint}
        value={props.value}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-controls={props.controls}
        aria-activedescendant={props.activeDescendant}
        onChange={(e) => props.onChange(e.target.value, e.nativeEvent.timeStamp)}
        onKeyDown={props.onKeyDown}
        data-testid="filter"
      />
      <span className="filter-kbd" aria-hidden="true">
        /
      </span>
      {props.value !== '' && (
        <button
          type="button"
          className="icon-button filter-clear"
          aria-label="Clear the filter"
          title="Clear the filter"
          onClick={() => props.onChange('', performance.now())}
          data-testid="filter-clear"
        >
          <CloseIcon size={14} />
        </button>
      )}
    </div>
  );
}
