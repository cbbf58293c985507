; Included by electron-builder's NSIS installer (nsis.include in electron-builder.config.cjs).
;
; When the user lets Softphone open sip:, tel: and callto: links (Preferences), Electron writes
; HKCU\Software\Classes\<scheme> with shell\open\command = "<exe>" "%1"
; (shell/browser/browser_win.cc, SetAsDefaultProtocolClient). Uninstalling removes those keys,
; but only where they still point at this installation's executable: another program that has
; since taken the scheme keeps it. AddQuoteForArg quotes the path only when it needs quoting,
; so both spellings are compared.

!macro softphoneForgetLinkScheme SCHEME
  ReadRegStr $0 HKCU "Software\Classes\${SCHEME}\shell\open\command" ""
  StrCmp $0 '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"' 0 +3
    DeleteRegKey HKCU "Software\Classes\${SCHEME}"
    Goto +3
  StrCmp $0 '$INSTDIR\${APP_EXECUTABLE_FILENAME} "%1"' 0 +2
    DeleteRegKey HKCU "Software\Classes\${SCHEME}"
!macroend

!macro customUnInstall
  !insertmacro softphoneForgetLinkScheme "sip"
  !insertmacro softphoneForgetLinkScheme "tel"
  !insertmacro softphoneForgetLinkScheme "callto"
!macroend
