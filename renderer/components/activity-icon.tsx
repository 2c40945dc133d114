// ActivityIcon is the Activity screen's mark: a pulse line, drawn like the other line icons.

import type { SVGProps } from 'react';

/** ActivityIcon inherits the text colour; size in pixels. */
export function ActivityIcon({
  size = 16,
  ...rest
}: Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d="M1.5 8.5h3l2-5 3 9 2-4h3" />
    </svg>
  );
}
