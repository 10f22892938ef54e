Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.vm.provider :libvirt do |libvirt|
    libvirt.driver = "qemu"
    libvirt.memory = 1024
    libvirt.storage :file, :size => "10G", :type => "qcow2"
    libvirt.storage :file, :device => :cdrom, :path => "/var/lib/libvirt/images/tools.iso"
    libvirt.management_network_name = "vnet-mgmt"
    libvirt.management_network_address = "192.168.124.0/24"
  end
end
