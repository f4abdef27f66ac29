// The provider runs only inside the tests; its community types lag its releases.
declare module 'oidc-provider';
