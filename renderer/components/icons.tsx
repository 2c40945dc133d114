// Small line icons drawn inline (no icon font, nothing loaded): they inherit the text colour.

import type { ReactNode, SVGProps } from 'react';

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

/** CheckIcon marks a step that worked. */
export const CheckIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3.5 8.5l3 3 6-7" />
  </Icon>
);

/** CrossIcon marks a step that failed. */
export const CrossIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
);

/** WarningIcon marks something that works only partly. */
export const WarningIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 2.5l6 11H2z" />
    <path d="M8 6.5v3.2M8 11.8v.2" />
  </Icon>
);

/** DashIcon marks a step that was not checked. */
export const DashIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4.5 8h7" />
  </Icon>
);

/** LockIcon goes with notices about passwords. */
export const LockIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5.5 7V5a2.5 2.5 0 015 0v2" />
  </Icon>
);

/** BackIcon goes on back buttons. */
export const BackIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10 3.5L5.5 8l4.5 4.5" />
  </Icon>
);

/** PlusIcon goes on "Add" buttons. */
export const PlusIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 3v10M3 8h10" />
  </Icon>
);

/** SearchIcon sits in filter boxes. */
export const SearchIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="7" cy="7" r="4.2" />
    <path d="M10.2 10.2L13.5 13.5" />
  </Icon>
);

/** ReloadIcon goes on Reload and Retry buttons. */
export const ReloadIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13 8a5 5 0 11-1.5-3.6" />
    <path d="M13 2.5v3h-3" />
  </Icon>
);

/** EditIcon goes on Edit buttons. */
export const EditIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10.5 3l2.5 2.5L6 12.5H3.5V10z" />
  </Icon>
);

/** RegistryIcon stands for a registry (a stack of shelves). */
export const RegistryIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2.5" y="3" width="11" height="4" rx="1" />
    <rect x="2.5" y="9" width="11" height="4" rx="1" />
    <path d="M5 5h.01M5 11h.01" />
  </Icon>
);

/** BoxIcon stands for a repository. */
export const BoxIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.5 5L8 2.5 13.5 5v6L8 13.5 2.5 11z" />
    <path d="M2.5 5L8 7.5 13.5 5M8 7.5v6" />
  </Icon>
);

/** TagIcon stands for a tag. */
export const TagIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.5 2.5h5l6 6-5 5-6-6z" />
    <circle cx="5.5" cy="5.5" r="0.8" />
  </Icon>
);

/** ArrowRightIcon points from an alias tag to the tag that owns its image. */
export const ArrowRightIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 8h9M9 5l3 3-3 3" />
  </Icon>
);

/** CloseIcon goes on remove and dismiss buttons. */
export const CloseIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
  </Icon>
);

/** ActivityIcon is the Activity screen's mark: a pulse line. */
export const ActivityIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.5 8.5h3l2-5 3 9 2-4h3" />
  </Icon>
);

/** ReplicateIcon marks the Replication screen: one box copied on to another. */
export const ReplicateIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.5" y="2.5" width="6" height="6" rx="1" />
    <rect x="8.5" y="7.5" width="6" height="6" rx="1" />
    <path d="M9 3.5h2.5a1 1 0 0 1 1 1V6M11 4.5l1.5 1.5L14 4.5" />
  </Icon>
);
