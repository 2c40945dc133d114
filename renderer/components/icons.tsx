// Small line icons drawn inline (no icon font, nothing loaded): they inherit the text colour.

import { Fragment, type ReactElement, type ReactNode, type SVGProps } from 'react';

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

function Icon({ size = 16, children, ...rest }: IconProps & { children: ReactNode }) {
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
      {children}
    </svg>
  );
}

/** icon makes an icon component from its drawing: path data, or <rect>/<circle> elements where a path would not read. */
function icon(...shapes: (string | ReactElement)[]) {
  const drawing = shapes.map((shape, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the drawing is fixed; its order is its identity.
    <Fragment key={i}>{typeof shape === 'string' ? <path d={shape} /> : shape}</Fragment>
  ));
  return (p: IconProps) => <Icon {...p}>{drawing}</Icon>;
}

/** CheckIcon marks a step that worked. */
export const CheckIcon = icon('M3.5 8.5l3 3 6-7');

/** CrossIcon marks a step that failed. */
export const CrossIcon = icon('M4 4l8 8M12 4l-8 8');

/** WarningIcon marks something that works only partly. */
export const WarningIcon = icon('M8 2.5l6 11H2z', 'M8 6.5v3.2M8 11.8v.2');

/** DashIcon marks a step that was not checked. */
export const DashIcon = icon('M4.5 8h7');

/** LockIcon goes with notices about passwords. */
export const LockIcon = icon(
  <rect x="3" y="7" width="10" height="7" rx="1.5" />,
  'M5.5 7V5a2.5 2.5 0 015 0v2',
);

/** BackIcon goes on back buttons. */
export const BackIcon = icon('M10 3.5L5.5 8l4.5 4.5');

/** PlusIcon goes on "Add" buttons. */
export const PlusIcon = icon('M8 3v10M3 8h10');

/** SearchIcon sits in filter boxes. */
export const SearchIcon = icon(<circle cx="7" cy="7" r="4.2" />, 'M10.2 10.2L13.5 13.5');

/** ReloadIcon goes on Reload and Retry buttons. */
export const ReloadIcon = icon('M13 8a5 5 0 11-1.5-3.6', 'M13 2.5v3h-3');

/** EditIcon goes on Edit buttons. */
export const EditIcon = icon('M10.5 3l2.5 2.5L6 12.5H3.5V10z');

/** RegistryIcon stands for a registry (a stack of shelves). */
export const RegistryIcon = icon(
  <rect x="2.5" y="3" width="11" height="4" rx="1" />,
  <rect x="2.5" y="9" width="11" height="4" rx="1" />,
  'M5 5h.01M5 11h.01',
);

/** BoxIcon stands for a repository. */
export const BoxIcon = icon('M2.5 5L8 2.5 13.5 5v6L8 13.5 2.5 11z', 'M2.5 5L8 7.5 13.5 5M8 7.5v6');

/** TagIcon stands for a tag. */
export const TagIcon = icon('M2.5 2.5h5l6 6-5 5-6-6z', <circle cx="5.5" cy="5.5" r="0.8" />);

/** ArrowRightIcon points from an alias tag to the tag that owns its image. */
export const ArrowRightIcon = icon('M3 8h9M9 5l3 3-3 3');

/** CloseIcon goes on remove and dismiss buttons. */
export const CloseIcon = icon('M4.5 4.5l7 7M11.5 4.5l-7 7');

/** ActivityIcon is the Activity screen's mark: a pulse line. */
export const ActivityIcon = icon('M1.5 8.5h3l2-5 3 9 2-4h3');

/** ReplicateIcon marks the Replication screen: one box copied on to another. */
export const ReplicateIcon = icon(
  <rect x="1.5" y="2.5" width="6" height="6" rx="1" />,
  <rect x="8.5" y="7.5" width="6" height="6" rx="1" />,
  'M9 3.5h2.5a1 1 0 0 1 1 1V6M11 4.5l1.5 1.5L14 4.5',
);
