Vagrant.configure("2") do |config|
  config.vm.box = "generic/debian12"
  config.vm.provider :libvirt do |libvirt|
    libvirt.management_network_name = "lab_mgmt"
    libvirt.management_network_address = "192.168.200.0/24"
    libvirt.management_network_mac = "52:54:00:aa:bb:01"
    libvirt.qemu_use_session = false
    libvirt.uri = "qemu:///system"
  end
  config.vm.network :private_network, ip: "10.0.5.2", libvirt__network_name: "lab_data", libvirt__dhcp_enabled: false, libvirt__forward_mode: "none"
end
